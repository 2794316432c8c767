"""The built-in behaviours: members, branches, a disciplinary case, proposals and polls."""
