"""The model seam and everything between a request and a server.

Owns the protocol every drafter talks to (`protocol`: `ChatModel`, `ChatRequest`, `ChatAnswer`, the scripted fake),
the one factory that turns settings into clients (`providers`), the OpenAI adapter (`openai_adapter`, the only
module that imports `openai`) with the wire format (`completions`), the capped HTTP client (`transport`) and server
probes (`probe`); the per-server gate (`gate`), the batch rate limiter (`limiter`) and the one retry policy
(`retry`); the endpoint cache, the call log, JSON extraction from wrapped answers, tokens and prices. It knows
nothing of templates, sections or PRPs.
"""
