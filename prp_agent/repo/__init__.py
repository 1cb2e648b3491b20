"""Repository grounding: scan a code base (`scan`), read its manifests and stack facts with evidence and roles
(`manifests`, `packages`, `stack`, `rules`, `facts`), its routes and entities one ecosystem per module
(`ecosystems/`, driven by `routes` and `entities`), and pack secret-free context into a token budget (`context`,
`inspect`). Imported only by `--repo`, `context` and batch runs with a repository: a plain draft never loads it.
"""
