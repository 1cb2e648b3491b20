from fastapi import Depends
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/token")


def current_user(token: str = Depends(oauth2_scheme)) -> str:
    return token
