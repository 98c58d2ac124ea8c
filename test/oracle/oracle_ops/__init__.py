"""Registry of oracle ops: each module decorates its functions with @op("name")."""
REGISTRY = {}


def op(name):
    def deco(fn):
        REGISTRY[name] = fn
        return fn
    return deco
