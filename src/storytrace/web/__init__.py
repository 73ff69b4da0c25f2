"""The local web UI and its JSON API: `storytrace serve` (needs the `web` extra).

`storytrace.web.app.create_app(WebSettings(db=...))` builds the ASGI app. This
package's `__init__` imports nothing from the web framework, so `queries` can be
used (by export, say) without the extra installed.
"""
