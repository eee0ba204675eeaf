"""The console web application: `create_app(settings)`.

Serves the parents' chat widget (`/widget.js`) and a demo page of a school website that
embeds it (`/`). The staff console (issue 4) grows here.
"""
from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request

from concerns.profile import load_profile
from concerns.settings import Settings

HERE = Path(__file__).resolve().parent
WIDGET = HERE / "static" / "widget.js"


def create_app(settings: Settings | None = None, name: str = "console") -> Sanic:
    settings = settings or Settings()
    profile = load_profile(settings.school_profile)
    templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                            autoescape=select_autoescape(["html", "xml"], default=True))
    chat_server = os.environ.get("CHAT_SERVER_URL", f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")
    app = Sanic(name)

    @app.middleware("response")
    async def security_headers(request: Request, reply):
        reply.headers.setdefault("X-Content-Type-Options", "nosniff")
        reply.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if request.path != "/widget.js":
            reply.headers.setdefault("X-Frame-Options", "DENY")

    @app.get("/")
    async def demo(request: Request):
        """A page of the school's website with the chat widget embedded by one script tag."""
        html = templates.get_template("demo.html").render(profile=profile, chat_server=chat_server)
        return response.html(html)

    @app.get("/widget.js")
    async def widget(request: Request):
        if not WIDGET.exists():
            return response.text("widget not built: run `make setup`", status=503)
        return await response.file(WIDGET, mime_type="application/javascript",
                                   headers={"Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*"})

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok"})

    return app


def main() -> None:
    port = int(os.environ.get("CONSOLE_PORT", "8000"))
    app = create_app()
    app.run(host=os.environ.get("CONSOLE_HOST", "127.0.0.1"), port=port, access_log=False,
            motd=False)


if __name__ == "__main__":
    main()
