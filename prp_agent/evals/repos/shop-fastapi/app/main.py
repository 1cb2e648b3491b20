from fastapi import APIRouter, Depends, FastAPI

from app.auth import current_user
from app.models import Product

api = APIRouter(prefix="/api/v1")


@api.get("/products")
def list_products() -> list[Product]:
    return []


@api.get("/products/{product_id}")
def get_product(product_id: int) -> Product:
    raise NotImplementedError


@api.post("/carts/{cart_id}/items", dependencies=[Depends(current_user)])
def add_to_cart(cart_id: int) -> None:
    return None


app = FastAPI(title="shop")
app.include_router(api)
