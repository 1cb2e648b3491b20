"""The words descriptions state figures with: numbers written as words, units of time and size in five languages,
rates, the nouns that are requested or counted, and the cue words of availability, latency and limits. The lexer
(`phrases.py`) reads a description with them."""

from __future__ import annotations

__all__ = [
    "ARTICLES", "CONJ", "COUNTS", "CUES", "LABELS", "NOT_COUNTED", "NOT_MODIFIERS", "PCTILE_WORDS", "RANGE", "RATES",
    "REQUESTS", "SECONDS", "SIZE_UNITS", "TIME_UNITS", "TIME_WORDS", "WORD_NUMBERS", "singular",
]  # fmt: skip

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45,
    "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "diez": 10, "quince": 15, "veinte": 20,
    "treinta": 30, "sesenta": 60, "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "dez": 10,
    "trinta": 30, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "dix": 10, "quinze": 15,
    "vingt": 20, "trente": 30, "soixante": 60,
}  # fmt: skip
ARTICLES = {"a", "an", "one", "un", "une", "una", "uno", "um", "uma"}
# Words after which a number is a label, not a count: "page 2 repeats", "step 3 fails".
LABELS = {"page", "step", "phase", "version", "item", "line", "chapter", "issue", "row", "column", "level", "tier",
           "option", "round", "part", "stage", "sprint", "week", "day", "test", "case", "node", "v", "#"}  # fmt: skip

# Canonical unit name → the words for it. Time units only count after a number, an article or `per`.
TIME_UNITS = {
    "ms": ("ms", "msec", "msecs", "millis", "millisecond", "milliseconds", "milisegundo", "milisegundos",
           "millisekunden", "milissegundo", "milissegundos", "milliseconde", "millisecondes", "毫秒"),
    "seconds": ("s", "sec", "secs", "second", "seconds", "segundo", "segundos", "seconde", "secondes", "sekunde",
                "sekunden", "秒", "秒钟"),
    "minutes": ("m", "min", "mins", "minute", "minutes", "minuto", "minutos", "minuten", "分钟", "分"),
    "hours": ("h", "hr", "hrs", "hour", "hours", "hora", "horas", "heure", "heures", "stunde", "stunden", "小时",
              "个小时"),
    "days": ("d", "day", "days", "día", "días", "dia", "dias", "jour", "jours", "tag", "tage", "tagen", "天", "日"),
    "weeks": ("w", "wk", "wks", "week", "weeks", "semana", "semanas", "semaine", "semaines", "woche", "wochen", "周",
              "星期"),
    "months": ("month", "months", "mes", "meses", "mês", "mois", "monat", "monate", "monaten", "个月", "月"),
    "years": ("y", "yr", "yrs", "year", "years", "año", "años", "ano", "anos", "an", "ans", "année", "années", "年"),
}  # fmt: skip
TIME_WORDS = {w for ws in TIME_UNITS.values() for w in ws if len(w) > 1 or not w.isascii()}
SECONDS = {"ms": 0.001, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800,
           "months": 2592000, "years": 31536000}  # fmt: skip
SIZE_UNITS = {
    "bytes": ("b", "byte", "bytes", "octet", "octets"), "KB": ("kb", "k", "ko", "kilobyte", "kilobytes"),
    "KiB": ("kib",), "MB": ("mb", "mo", "megabyte", "megabytes", "m"), "MiB": ("mib",),
    "GB": ("gb", "go", "gigabyte", "gigabytes", "g"), "GiB": ("gib",), "TB": ("tb", "to", "terabyte", "terabytes"),
    "TiB": ("tib",),
}  # fmt: skip
RATES = {"rps": "req/s", "qps": "req/s", "tps": "req/s", "rpm": "req/min", "req/s": "req/s", "reqs/s": "req/s",
          "r/s": "req/s", "req/sec": "req/s", "requests/s": "req/s", "requests/sec": "req/s",
          "requests/second": "req/s", "req/min": "req/min", "requests/min": "req/min", "requests/minute": "req/min",
          "msg/s": "message/s", "msgs/s": "message/s", "messages/s": "message/s", "events/s": "event/s",
          "ops/s": "op/s", "ops/sec": "op/s"}  # fmt: skip
REQUESTS = {
    "request": "req", "requests": "req", "req": "req", "reqs": "req", "call": "req", "calls": "req",
    "hit": "req", "hits": "req", "query": "query", "queries": "query", "message": "message", "messages": "message",
    "msgs": "message", "event": "event", "events": "event", "order": "order", "orders": "order",
    "transaction": "transaction", "transactions": "transaction", "job": "job", "jobs": "job", "write": "write",
    "writes": "write", "read": "read", "reads": "read", "op": "op", "ops": "op", "operations": "op",
    "payment": "payment", "payments": "payment", "upload": "upload", "uploads": "upload",
    "solicitud": "req", "solicitudes": "req", "petición": "req", "peticiones": "req", "requisição": "req",
    "requisições": "req", "requête": "req", "requêtes": "req", "anfragen": "req", "anfrage": "req",
    "mensajes": "message", "mensagens": "message",
    "pedidos": "order", "commandes": "order", "transacciones": "transaction", "transações": "transaction",
    "请求": "req", "次请求": "req", "个请求": "req",
}  # fmt: skip
COUNTS = {
    "users", "customers", "tenants", "accounts", "records", "rows", "items", "entries", "files", "documents",
    "invoices", "products", "devices", "clients", "merchants", "teams", "projects", "attempts", "retries",
    "tries", "sessions", "connections", "characters", "chars", "results", "pages", "members", "seats", "tokens",
    "keys", "webhooks", "subscribers", "nodes", "replicas", "instances", "workers", "regions", "languages",
    "attachments", "images", "photos", "comments", "tags", "fields", "columns", "levels", "concurrent",
    "usuarios", "usuários", "utilisateurs", "clientes", "cuentas", "contas", "comptes", "registros",
    "intentos", "tentativas", "tentatives", "archivos", "arquivos", "fichiers", "elementos", "itens", "éléments",
    "benutzer", "nutzer", "用户", "个用户",
}  # fmt: skip
CUES = {
    "AVAIL": ("availability", "uptime", "up-time", "available", "sla", "slo", "disponibilidad", "disponibilidade",
              "verfügbarkeit", "disponibilità",
              "disponibilité", "disponible", "disponível", "可用性", "可用率"),
    "LAT": ("latency", "latencies", "response time", "response times", "respond", "responds", "respond within",
            "responds within", "round-trip", "latencia", "latência", "latence", "tiempo de respuesta",
            "tempo de resposta", "temps de réponse", "antwortzeit", "antwortzeiten",
            "latenz", "reaktionszeit", "延迟", "响应时间", "时延"),
    "LIMIT": ("up to", "at most", "max", "maximum", "max.", "no more than", "not more than", "limit of",
              "limited to", "capped at", "cap of", "hasta", "até", "jusqu'à", "au plus", "máximo", "maximo",
              "最多", "不超过", "bis zu", "höchstens", "maximal"),
    "BETWEEN": ("between", "entre"),
    "PER": ("per", "a", "an", "each", "every", "por", "par", "pro", "je", "每"),
}  # fmt: skip
CONJ = {",", ";", "/", "&", "and", "or", "y", "e", "et", "ou", "o", "和", "、", "及", "以及"}
RANGE = {"-", "–", "—", "to", "a", "à", "até", "~"}
PCTILE_WORDS = {"median": "p50", "mediana": "p50", "médiane": "p50", "average": "avg", "avg": "avg", "mean": "avg",
                 "promedio": "avg", "média": "avg", "moyenne": "avg", "平均": "avg"}  # fmt: skip


# Plural words after a number that are not things counted: "3 times", "2 ways".
NOT_COUNTED = {
    "times", "ways", "cases", "things", "days", "years", "hours", "minutes", "seconds", "weeks", "months", "percent",
    "is", "was", "has", "does", "its", "this", "plus", "less", "us", "as", "yes", "pixels", "px", "bits",
}  # fmt: skip

NOT_MODIFIERS = {
    "and", "the", "for", "per", "are", "was", "has", "had", "more", "less", "times", "out", "from", "with", "into",
    "over", "than", "then", "all", "but", "not", "can", "will", "may", "our", "its",
}  # fmt: skip


def singular(word: str) -> str:
    """A plural noun's singular, by English rules good enough for resource names and units (`emails`, `queries`)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word
