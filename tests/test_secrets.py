"""Secrets stay on the machine: sensitive paths, dotenv names without values, and redaction of excerpts.

Nothing here may look like a real secret in the committed source (a pre-commit check greps for OpenAI-style keys
and Authorization Bearer tokens), so every planted secret is assembled at test time from pieces or from a seeded
random generator.
"""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import pytest

from prp_agent.secrets.patterns import (
    REDACTED,
    SECRET_PATTERNS,
    env_var_names,
    is_env_template,
    is_sensitive_path,
    redact,
)

ALNUM = string.ascii_letters + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
BASE64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"


def _random(seed: int, length: int, alphabet: str = ALNUM) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(length))


def _pattern(name: str) -> re.Pattern[str]:
    return dict(SECRET_PATTERNS)[name]


def _leftovers(text: str) -> list[str]:
    return [name for name, pattern in SECRET_PATTERNS if pattern.search(text)]


# Provider tokens: (pattern name, token), assembled at test time.
PROVIDER_TOKENS: dict[str, tuple[str, str]] = {
    "openai_legacy": ("openai_api_key", "sk" + "-" + _random(1, 48)),
    "openai_project": ("openai_api_key", "sk" + "-proj-" + "A1b2" * 12 + "_" + _random(2, 20, URLSAFE)),
    "anthropic": ("anthropic_api_key", "sk" + "-ant-api03-" + _random(3, 90, URLSAFE)),
    "github_ghp": ("github_token", "ghp" + "_" + _random(4, 36)),
    "github_gho": ("github_token", "gho" + "_" + _random(5, 36)),
    "github_ghu": ("github_token", "ghu" + "_" + _random(6, 36)),
    "github_ghs": ("github_token", "ghs" + "_" + _random(7, 36)),
    "github_ghr": ("github_token", "ghr" + "_" + _random(8, 36)),
    "github_fine_grained": ("github_fine_grained_pat", "github" + "_pat_" + _random(9, 22) + "_" + _random(10, 59)),
    "gitlab": ("gitlab_token", "glpat" + "-" + _random(11, 20, URLSAFE)),
    "slack_bot": ("slack_token", "xox" + "b-" + _random(12, 12, string.digits) + "-" + _random(13, 24)),
    "slack_user": ("slack_token", "xox" + "p-" + _random(14, 12, string.digits) + "-" + _random(15, 32)),
    "stripe_live": ("stripe_key", "sk" + "_live_" + _random(16, 24)),
    "stripe_restricted": ("stripe_key", "rk" + "_live_" + _random(17, 24)),
    "stripe_test": ("stripe_key", "sk" + "_test_" + _random(18, 24)),
    "aws_akia": ("aws_access_key_id", "AK" + "IA" + _random(19, 16, UPPER_ALNUM)),
    "aws_asia": ("aws_access_key_id", "AS" + "IA" + _random(20, 16, UPPER_ALNUM)),
    "google": ("google_api_key", "AI" + "za" + _random(21, 35, URLSAFE)),
    "twilio": ("twilio_api_key", "S" + "K" + _random(22, 32, HEX)),
    "sendgrid": ("sendgrid_api_key", "S" + "G." + _random(23, 22, URLSAFE) + "." + _random(24, 43, URLSAFE)),
    "npm": ("npm_token", "npm" + "_" + _random(25, 36)),
    "pypi": ("pypi_token", "pypi" + "-AgEIcHlwaS5vcmc" + _random(26, 70, URLSAFE)),
    "jwt": (
        "jwt",
        "ey" + "J" + _random(27, 30, URLSAFE) + ".ey" + "J" + _random(28, 60, URLSAFE) + "." + _random(29, 43),
    ),
    "vault": ("vault_token", "hv" + "s." + _random(30, 90, URLSAFE)),
}


# --------------------------------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        "backend/.env",
        ".env.local",
        ".env.production",
        ".ENV.Development",
        "prod.env",
        "certs/server.pem",
        "tls/server.key",
        "keys/client.p12",
        "keys/client.pfx",
        "android/release.jks",
        "android/release.keystore",
        "id_rsa",
        "id_rsa.pub",
        "home/.ssh/id_ed25519",
        "id_ecdsa",
        "id_dsa",
        "credentials.json",
        "gcp/credentials-prod.json",
        ".aws/credentials",
        ".git-credentials",
        "service-account.json",
        "deploy/service-account-ci.json",
        ".npmrc",
        ".pypirc",
        ".netrc",
        "config/secrets.yml",
        "config/secrets.yaml",
        "secrets.json",
        "secrets.toml",
        "infra/terraform.tfstate",
        "vault.kdbx",
    ],
)
def test_sensitive_paths(path: str) -> None:
    assert is_sensitive_path(path)


@pytest.mark.parametrize(
    "path",
    [
        ".env.example",
        ".env.sample",
        ".env.template",
        ".env.dist",
        "config/.env.local.example",
        "example.env",
        "src/keys.py",
        "prp_agent/secrets/patterns.py",
        "src/auth/credentials.py",
        "docs/credentials.md",
        "README.md",
        "package.json",
        "docker-compose.yml",
        "config/settings.yaml",
        "environment.ts",
        ".ssh/config",
        "",
    ],
)
def test_paths_that_may_be_read(path: str) -> None:
    assert not is_sensitive_path(path)


def test_env_templates() -> None:
    for path in (".env.example", ".env.sample", ".env.template", ".env.dist", "example.env", "sample.env"):
        assert is_env_template(path), path
        assert is_env_template("app/" + path.upper()), path
    for path in (".env", ".env.local", "env.py", "examples/app.py", ""):
        assert not is_env_template(path), path


# --------------------------------------------------------------------------------------------------------------------
# env_var_names
# --------------------------------------------------------------------------------------------------------------------


def test_env_var_names_returns_names_in_order_without_values() -> None:
    secret = _random(40, 24)
    text = (
        "# Database\n"
        "DATABASE_URL=postgresql://app:" + secret + "@db:5432/app\n"
        "\n"
        "export JWT_SECRET=" + secret + "\n"
        "  API_TOKEN = '" + secret + "'  # trailing comment\n"
        "# COMMENTED_OUT=1\n"
        'MULTILINE="first line\n'
        "NOT_A_NAME=inside the quoted value\n"
        'last line"\n'
        "DEBUG=true\n"
        "JWT_SECRET=again\n"
        "lower_case=1\n"
        "this line is not an assignment\n"
        "=no name\n"
    )
    names = env_var_names(text)
    assert names == ["DATABASE_URL", "JWT_SECRET", "API_TOKEN", "MULTILINE", "DEBUG", "lower_case"]
    assert not any(secret in name for name in names)


def test_env_var_names_of_an_empty_file() -> None:
    assert env_var_names("") == []
    assert env_var_names("# only comments\n\n") == []


# --------------------------------------------------------------------------------------------------------------------
# Provider patterns
# --------------------------------------------------------------------------------------------------------------------


def test_secret_patterns_are_named_compiled_regexes() -> None:
    names = [name for name, _ in SECRET_PATTERNS]
    assert len(names) == len(set(names))
    assert all(isinstance(pattern, re.Pattern) for _, pattern in SECRET_PATTERNS)
    assert {pattern_name for pattern_name, _ in PROVIDER_TOKENS.values()} <= set(names)


@pytest.mark.parametrize("case", sorted(PROVIDER_TOKENS))
def test_provider_tokens_are_redacted(case: str) -> None:
    pattern_name, token = PROVIDER_TOKENS[case]
    assert _pattern(pattern_name).search(token), "the named pattern recognises the token"
    contexts = [
        f"the key is {token} in prose",
        f"SOME_SETTING={token}\n",
        f'{{"value": "{token}"}}',
        f"setting: '{token}'\n",
        f"client = Client({token!r})\n",
    ]
    for text in contexts:
        redacted, count = redact(text)
        assert token not in redacted, text
        assert REDACTED in redacted
        assert count == 1, (text, redacted)
        assert _leftovers(redacted) == [], redacted


def test_provider_token_in_context_keeps_the_surroundings() -> None:
    token = PROVIDER_TOKENS["github_ghp"][1]
    assert redact(f"GITHUB_TOKEN={token}\n") == ("GITHUB_TOKEN=[REDACTED]\n", 1)
    assert redact(f'headers = {{"X-Token": "{token}"}}') == ('headers = {"X-Token": "[REDACTED]"}', 1)


def test_openai_pattern_ignores_words_that_merely_start_with_sk() -> None:
    text = 'class="s' + 'k-navigation-menu-container-wrapper" risk' + "-assessment-report-generator-module"
    assert redact(text) == (text, 0)


@pytest.mark.parametrize(
    "template",
    [
        "aws_secret_access_key = {}\n",
        'AWS_SECRET_ACCESS_KEY="{}"\n',
        '"SecretAccessKey": "{}",\n',
        "aws_secret_access_key: {}\n",
    ],
)
def test_aws_secret_access_key_assignments(template: str) -> None:
    secret = _random(41, 40, BASE64)
    redacted, count = redact(template.format(secret))
    assert secret not in redacted
    assert redacted == template.format(REDACTED)
    assert count == 1


def test_azure_storage_connection_string() -> None:
    key = _random(42, 86, BASE64) + "=="
    text = f"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={key};EndpointSuffix=core.windows.net"
    redacted, count = redact(text)
    assert key not in redacted and count == 1
    assert redacted == (
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[REDACTED];EndpointSuffix=core.windows.net"
    )


def test_authorization_headers() -> None:
    token = _random(43, 40, URLSAFE)
    bearer = "Authorization: " + "Bear" + "er " + token
    assert redact(bearer) == ("Authorization: Bear" + "er [REDACTED]", 1)
    basic = "curl -H 'Authorization: Basic " + _random(44, 24, BASE64) + "=' https://api.test"
    redacted, count = redact(basic)
    assert redacted == "curl -H 'Authorization: Basic [REDACTED]' https://api.test" and count == 1


# --------------------------------------------------------------------------------------------------------------------
# Private keys
# --------------------------------------------------------------------------------------------------------------------


def _key_body(seed: int, lines: int = 6) -> str:
    return "\n".join(_random(seed + i, 64, BASE64) for i in range(lines))


@pytest.mark.parametrize("label", ["RSA ", "OPENSSH ", "EC ", "DSA ", "ENCRYPTED ", ""])
def test_private_key_blocks_are_redacted(label: str) -> None:
    body = _key_body(50)
    begin, end = f"-----BEGIN {label}PRIVATE KEY-----", f"-----END {label}PRIVATE KEY-----"
    text = f"before\n{begin}\n{body}\n{end}\nafter\n"
    redacted, count = redact(text)
    assert redacted == f"before\n{begin}\n[REDACTED]\n{end}\nafter\n"
    assert count == 1
    assert _leftovers(text) == ["private_key"] and _leftovers(redacted) == []


def test_pgp_private_key_block_with_headers() -> None:
    body = _key_body(60)
    text = (
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n"
        + body
        + "\n=Ab12\n-----END PGP PRIVATE KEY BLOCK-----"
    )
    redacted, count = redact(text)
    assert redacted == "-----BEGIN PGP PRIVATE KEY BLOCK-----\n[REDACTED]\n-----END PGP PRIVATE KEY BLOCK-----"
    assert count == 1


def test_private_key_inside_a_json_string_and_a_yaml_block() -> None:
    body = _key_body(70, 3)
    escaped = body.replace("\n", "\\n")
    text = '{"private_key": "-----BEGIN PRIVATE KEY-----\\n' + escaped + '\\n-----END PRIVATE KEY-----\\n", "x": 1}'
    assert redact(text) == (
        '{"private_key": "-----BEGIN PRIVATE KEY-----\\n[REDACTED]\\n-----END PRIVATE KEY-----\\n", "x": 1}',
        1,
    )
    indented = body.replace("\n", "\n  ")
    yaml = f"tls:\n  key: |\n  -----BEGIN EC PRIVATE KEY-----\n  {indented}\n  -----END EC PRIVATE KEY-----\nnext: 1\n"
    redacted, count = redact(yaml)
    assert count == 1 and all(line not in redacted for line in body.splitlines())
    assert "  -----BEGIN EC PRIVATE KEY-----\n  [REDACTED]\n  -----END EC PRIVATE KEY-----\nnext: 1\n" in redacted


def test_truncated_private_key_is_redacted_to_the_end_of_its_material() -> None:
    body = _key_body(80, 4)
    text = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body
    assert redact(text) == ("-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED]", 1)
    followed = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n\ndef main():\n    pass\n"
    redacted, count = redact(followed)
    assert redacted == "-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n\ndef main():\n    pass\n" and count == 1


def test_code_that_mentions_key_markers_is_unchanged() -> None:
    text = 'if pem.startswith("-----BEGIN PRIVATE KEY-----"):\n    assert "-----END PRIVATE KEY-----" in pem\n'
    assert redact(text) == (text, 0)


# --------------------------------------------------------------------------------------------------------------------
# URLs and connection strings
# --------------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "user"),
    [
        ("postgresql://{user}:{pw}@db:5432/app", "app"),
        ("DATABASE_URL=postgres://{user}:{pw}@db.internal/app?sslmode=require", "admin"),
        ("mongodb+srv://{user}:{pw}@cluster0.mongodb.net/test", "svc"),
        ("amqp://{user}:{pw}@rabbit:5672/", "guest_user"),
        ("redis://{user}:{pw}@cache:6379/0", ""),
        ('engine = create_engine("mysql+pymysql://{user}:{pw}@localhost/shop")', "root"),
    ],
)
def test_url_passwords_keep_the_user(template: str, user: str) -> None:
    password = _random(90, 14)
    redacted, count = redact(template.format(user=user, pw=password))
    assert password not in redacted
    assert redacted == template.format(user=user, pw=REDACTED)
    assert count == 1


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://user:${DB_PASSWORD}@db:5432/app",
        "postgresql://${USER}:${PASS}@db:5432/app",
        "postgres://user:<password>@localhost/app",
        "postgres://user:password@localhost/app",
        "redis://:****@cache:6379",
        "https://example.com:8080/path/@user",
        "git@github.com:org/repo.git",
        "proxy = 'http://{}:{}@{}:{}/'.format(user, pw, host, port)",
    ],
)
def test_urls_without_a_literal_password_are_unchanged(text: str) -> None:
    assert redact(text) == (text, 0)


def test_dotnet_connection_strings() -> None:
    pw = _random(91, 16)
    text = f'"Server=tcp:db.example.net,1433;Database=app;User Id=sa;Password={pw};Encrypt=True;"'
    assert redact(text) == (
        '"Server=tcp:db.example.net,1433;Database=app;User Id=sa;Password=[REDACTED];Encrypt=True;"',
        1,
    )
    text = f"Data Source=db;Initial Catalog=app;Uid=app;Pwd={pw};"
    assert redact(text) == ("Data Source=db;Initial Catalog=app;Uid=app;Pwd=[REDACTED];", 1)
    phrase = "correct horse " + _random(92, 8)
    text = f"Server=db;User Id=app;Password={phrase};Database=app"
    assert redact(text) == ("Server=db;User Id=app;Password=[REDACTED];Database=app", 1)


def test_a_token_in_the_query_string_of_a_quoted_url() -> None:
    token = _random(94, 24)
    text = f'TOKEN_URL = "https://api.example.com/v1/items?access_token={token}&page=2"'
    assert redact(text) == ('TOKEN_URL = "https://api.example.com/v1/items?access_token=[REDACTED]&page=2"', 1)


def test_libpq_key_value_connection_string() -> None:
    pw = _random(93, 12)
    text = f'conn = psycopg2.connect("host=db port=5432 user=app password={pw} dbname=app")'
    assert redact(text) == ('conn = psycopg2.connect("host=db port=5432 user=app password=[REDACTED] dbname=app")', 1)


# --------------------------------------------------------------------------------------------------------------------
# Assignments to secret-looking names
# --------------------------------------------------------------------------------------------------------------------

SECRET = _random(100, 32)
PASSWORD = _random(101, 12)

ASSIGNMENTS = [
    # dotenv / shell
    ("JWT_SECRET={s}\n", SECRET),
    ("export API_KEY={s}\n", SECRET),
    ('STRIPE_WEBHOOK_SECRET="{s}"\n', SECRET),
    ("DB_PASSWORD={s}  # prod\n", PASSWORD),
    ("NEXTAUTH_SECRET='{s}'\n", SECRET),
    # YAML
    ("database:\n  password: {s}\n", PASSWORD),
    ("  api_key: '{s}'\n", SECRET),
    ("services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD={s}\n", PASSWORD),
    ('auth:\n  client_secret: "{s}"\n', SECRET),
    # JSON
    ('{{"client_secret": "{s}", "client_id": "app"}}', SECRET),
    ('{{"accessToken":"{s}"}}', SECRET),
    # Python
    ('SECRET_KEY = "{s}"\n', SECRET),
    ("password: str = '{s}'\n", PASSWORD),
    ('settings = Settings(api_key="{s}")\n', SECRET),
    ('os.environ["GITHUB_TOKEN"] = "{s}"\n', SECRET),
    ('os.environ.setdefault("DJANGO_SECRET_KEY", "{s}")\n', SECRET),
    # JavaScript / TypeScript
    ("const apiKey = '{s}';\n", SECRET),
    ('export const config = {{ authToken: "{s}", retries: 3 }};\n', SECRET),
    ("private readonly clientSecret: string = `{s}`;\n", SECRET),
    # Go
    ('token := "{s}"\n', SECRET),
    ('var dbPassword = "{s}"\n', PASSWORD),
    # PHP
    ("'password' => '{s}',\n", PASSWORD),
    ("define('AUTH_KEY', '{s}');\n", SECRET),
    ('$apiSecret = "{s}";\n', SECRET),
    # Ruby
    (':password => "{s}",\n', PASSWORD),
    ("config.secret_key_base = '{s}'\n", SECRET),
    ('  access_token: "{s}",\n', SECRET),
    # Java / Kotlin / properties / XML / INI
    ('private static final String API_KEY = "{s}";\n', SECRET),
    ("spring.datasource.password={s}\n", PASSWORD),
    ("<password>{s}</password>\n", PASSWORD),
    ('<add key="ApiKey" value="{s}" />\n', SECRET),
    ("[client]\npassword = {s}\n", PASSWORD),
    # command lines and query strings
    ("mysql --password={s} -u root\n", PASSWORD),
    ("GET /v1/items?access_token={s}&page=2\n", SECRET),
]


@pytest.mark.parametrize(("template", "value"), ASSIGNMENTS)
def test_assignments_to_secret_names_are_redacted(template: str, value: str) -> None:
    text = template.format(s=value)
    redacted, count = redact(text)
    assert value not in redacted
    assert redacted == template.format(s=REDACTED)
    assert count == 1


def test_redaction_is_idempotent() -> None:
    for template, value in ASSIGNMENTS:
        once, _ = redact(template.format(s=value))
        assert redact(once) == (once, 0), once


def test_crlf_and_non_ascii_text() -> None:
    text = f"İstanbul ünïcode\r\nDB_PASSWORD={PASSWORD}\r\nAPI_KEY='{SECRET}'\r\n"
    assert redact(text) == ("İstanbul ünïcode\r\nDB_PASSWORD=[REDACTED]\r\nAPI_KEY='[REDACTED]'\r\n", 2)


def test_short_passwords_and_high_entropy_rule() -> None:
    assert redact("PASSWORD=hunter22") == ("PASSWORD=[REDACTED]", 1)
    assert redact("DB_PASS=" + _random(102, 10)) == ("DB_PASS=[REDACTED]", 1)
    # a secret-named key with a short or low-entropy value is left alone
    assert redact("API_TOKEN=abc") == ("API_TOKEN=abc", 0)
    assert redact("CLIENT_SECRET=aaaaaaaabbbb") == ("CLIENT_SECRET=aaaaaaaabbbb", 0)


def test_count_is_the_number_of_values_replaced() -> None:
    text = (
        f"JWT_SECRET={SECRET}\n"
        f"DATABASE_URL=postgresql://app:{PASSWORD}@db/app\n"
        f"OPENAI_API_KEY={PROVIDER_TOKENS['openai_project'][1]}\n"
        "DEBUG=true\n"
        "-----BEGIN PRIVATE KEY-----\n" + _key_body(103, 2) + "\n-----END PRIVATE KEY-----\n"
    )
    redacted, count = redact(text)
    assert count == 4
    assert redacted == (
        "JWT_SECRET=[REDACTED]\n"
        "DATABASE_URL=postgresql://app:[REDACTED]@db/app\n"
        "OPENAI_API_KEY=[REDACTED]\n"
        "DEBUG=true\n"
        "-----BEGIN PRIVATE KEY-----\n[REDACTED]\n-----END PRIVATE KEY-----\n"
    )


# --------------------------------------------------------------------------------------------------------------------
# Left alone: placeholders, and code that reads secrets
# --------------------------------------------------------------------------------------------------------------------

PLACEHOLDERS = [
    "",
    "changeme",
    "change-me",
    "your-secret-key",
    "your_api_key_here",
    "<your-api-key>",
    "${JWT_SECRET}",
    "$JWT_SECRET",
    "%(secret)s",
    "{{ vault_jwt_secret }}",
    "xxxxxxxxxxxxxxxx",
    "XXXX-XXXX-XXXX",
    "***",
    "********",
    "example",
    "dummy",
    "test",
    "password",
    "secret",
    "none",
    "None",
    "null",
    "true",
    "false",
    "12345678",
]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders_are_left_alone(value: str) -> None:
    for template in (
        "JWT_SECRET={}\n",
        "DB_PASSWORD={}\n",
        'api_key: "{}"\n',
        '{{"password": "{}"}}',
        "token = '{}'\n",
    ):
        text = template.format(value)
        assert redact(text) == (text, 0), text


@pytest.mark.parametrize(
    "text",
    [
        "password_hash = hash_password(form.password)\n",
        'token = request.headers.get("Authorization")\n',
        'SECRET_KEY = os.environ["SECRET_KEY"]\n',
        'API_KEY = os.getenv("API_KEY")\n',
        'api_key = os.environ.get("OPENAI_API_KEY", "")\n',
        "const token = process.env.GITHUB_TOKEN;\n",
        "const apiKey = req.headers.authorization;\n",
        'config.secret_key_base = ENV["SECRET_KEY_BASE"]\n',
        'password: ENV.fetch("DB_PASSWORD") { "" }\n',
        'SECRET_KEY = env("DJANGO_SECRET_KEY")\n',
        "$password = getenv('DB_PASSWORD');\n",
        'Password: os.Getenv("DB_PASS"),\n',
        "apiKey: process.env.API_KEY,\n",
        "password: ${DB_PASSWORD}\n",
        "export GITHUB_TOKEN=$(gh auth token)\n",
        "self.password = password\n",
        "self.api_key = api_key\n",
        "user.password = make_password(raw_password)\n",
        "def login(username: str, password: str) -> Token:\n",
        "password: SecretStr\n",
        "api_key: str | None = None\n",
        "    token: Optional[str] = Field(default=None)\n",
        "interface Credentials { password: string; apiToken?: string }\n",
        'headers = {"Authorization": f"Bearer {token}"}\n',
        "auth = HTTPBasicAuth(username, password)\n",
        "if token is None:\n    raise PermissionError\n",
        "tokens = tokenizer.encode(text)\n",
        'tokenizer = "bert-base-uncased"\n',
        '"max_tokens": 512,\n',
        'author = "Jane Q. Public"\n',
        'AUTH_USER_MODEL = "accounts.User"\n',
        'AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]\n',
        "ACCESS_TOKEN_EXPIRE_MINUTES = 30\n",
        'TOKEN_URL = "https://auth.example.com/oauth/token"\n',
        'JWT_ALGORITHM = "HS256"\n',
        '"password_too_short": "Password must be at least 8 characters."\n',
        'api_key_env = "OPENAI_API_KEY"\n',
        'fetch(url, { credentials: "same-origin" })\n',
        "PWD=/home/user/project\n",
        "  password: !vault |\n",
        "password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())\n",
        "    new_password = form.cleaned_data['new_password']\n    user.set_password(new_password)\n",
        "for token in tokens:\n    print(token)\n",
        "'token-key': '{.credential.access_token}',\n",
        "AUTH_FAIL_ACTION_UNAUTHORIZED = 'unauthorized'\n",
        "auth_target = 'client libraries'\n",
        'ID_TOKEN_VERIFICATION_CERTS = "https://www.googleapis.com/oauth2/v1/certs"\n',
        "_client_tokens: _AggregateRequest\n",
        "'secret_ref': 'V1LocalObjectReference',\n",
        'return {"prompt_tokens": prompt, "completion_tokens": completion}\n',
        "    this._noAuthorization = !req.headers.authorization;\n",
        'HTTP_TOKEN = r"[-!#$%&\'*+.^_`|~0-9a-zA-Z]+"\n',
        "const HTTP_TOKEN_CODEPOINTS = /^[-!#$%&'*+.^_|~A-Za-z0-9]+$/\n",
        '"passwd:gecos",\n',
        'TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"\n',
        "@field_serializer('password', 'password_bytes', when_used='json')\n",
        '{token:"comment.line.double-dash.source.rust",regex:"//.*$"},{token:"empty_line"}\n',
        "f.defaultToken&&(s.defaultToken=f.defaultToken),this.$tokenIndex=r?r.index:-1\n",
    ],
)
def test_code_that_reads_secrets_is_unchanged(text: str) -> None:
    assert redact(text) == (text, 0)


def test_a_normal_module_is_unchanged() -> None:
    module = '''"""Login view."""

from django.conf import settings
from django.contrib.auth import authenticate


SECRET_KEY = settings.SECRET_KEY
TOKEN_TTL_SECONDS = 3600


def login(request):
    username = request.POST["username"]
    password = request.POST["password"]
    user = authenticate(request, username=username, password=password)
    if user is None:
        return {"error": "Invalid username or password."}
    token = issue_token(user, secret=SECRET_KEY, ttl=TOKEN_TTL_SECONDS)
    return {"access_token": token, "token_type": "bearer"}
'''
    assert redact(module) == (module, 0)


# --------------------------------------------------------------------------------------------------------------------
# Size
# --------------------------------------------------------------------------------------------------------------------


def test_a_100kb_file_is_redacted_completely_and_only_where_needed() -> None:
    """Correctness on a large generated file (the speed itself is not asserted: CI machines vary)."""
    normal = [
        "def handler(event, context):\n",
        '    password = event["password"]\n',
        "    token = auth.issue(user_id=event['user'], ttl=3600)\n",
        "    return {'statusCode': 200, 'body': json.dumps({'token': token})}\n",
        "const apiKey = process.env.API_KEY;\n",
        "# a comment about secrets and tokens\n",
        "x = [i * 2 for i in range(10)]  # noqa\n",
    ]
    planted: list[str] = []
    lines: list[str] = []
    size = 0
    index = 0
    while size < 100_000:
        if index % 25 == 0:
            secret = _random(1000 + index, 32)
            planted.append(secret)
            line = f"SERVICE_{index}_SECRET={secret}\n"
        elif index % 25 == 12:
            token = "ghp" + "_" + _random(5000 + index, 36)
            planted.append(token)
            line = f"    github = Github({token!r})\n"
        else:
            line = normal[index % len(normal)]
        lines.append(line)
        size += len(line)
        index += 1
    text = "".join(lines)
    redacted, count = redact(text)
    assert count == len(planted)
    assert not any(secret in redacted for secret in planted)
    expected = "".join(
        f"SERVICE_{i}_SECRET=[REDACTED]\n"
        if i % 25 == 0
        else "    github = Github('[REDACTED]')\n"
        if i % 25 == 12
        else line
        for i, line in enumerate(lines)
    )
    assert redacted == expected


def test_a_long_single_line_is_handled() -> None:
    """Minified files are one long line; values are looked for in bounded windows."""
    secret = _random(110, 40)
    text = ("var a=1,b=function(c){return c+1};" * 3000) + f'var apiKey="{secret}";' + ("x=y;" * 2000)
    redacted, count = redact(text)
    assert count == 1 and secret not in redacted and len(redacted) == len(text) - len(secret) + len(REDACTED)


def test_pathological_inputs_do_not_hang() -> None:
    for text in (
        "-----BEGIN PRIVATE KEY-----\n" * 3000,
        "password=" * 10000,
        "token " * 15000,
        '"password": "' * 7000,
        "http://a:" * 10000,
        "sk" + "-" * 50000,
    ):
        redacted, _ = redact(text)
        assert isinstance(redacted, str)


# --------------------------------------------------------------------------------------------------------------------
# This file itself
# --------------------------------------------------------------------------------------------------------------------


def test_this_file_commits_nothing_that_looks_like_a_secret() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    assert not re.search(r"sk-[A-Za-z0-9_-]{20,}", source)
    assert not re.search(r"(?i)authorization:?\s*bearer\s+[A-Za-z0-9._~+/-]{8,}", source)
    assert _leftovers(source) == []
