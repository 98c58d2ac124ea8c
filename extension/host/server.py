"""Serve the convlab JupyterLab host (build/) on Debian's jupyter_server 1.23 + jupyterlab_server 2.16.

    /usr/bin/python3 extension/host/server.py --port=8888 --ServerApp.root_dir=notebooks

Like a pip-installed JupyterLab it asks for a token: a random one per start (or JUPYTER_TOKEN if set), printed
in the URL to open, and XSRF checks are on. Requests without the token (or the login cookie it sets) get 403.

Environment:
  JUPYTER_TOKEN          the token to use instead of a random one (tests set it; it is not passed on to kernels)
  CONVLAB_LABEXTENSIONS  directory holding prebuilt extensions (default: none, i.e. a negative control)
  CONVLAB_STATE_DIR      user settings, workspaces and runtime files (default: extension/host/.state)
  CONVLAB_SHIMS=0        turn off the /api/me and /api/events shims below (to see what fails without them)

JupyterLab 4.5 asks for two jupyter_server 2.x APIs that 1.23 lacks: GET /api/me (identity) and the event
bus WS /api/events/subscribe. Neither is essential; without them the browser logs 404s and keeps retrying
the websocket, so tiny stand-ins keep the console clean (the browser tests require zero console errors).
"""
import json
import os
import secrets
import signal

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import ioloop, web, websocket

HERE = os.path.dirname(os.path.abspath(__file__))
STATE = os.path.abspath(os.environ.get("CONVLAB_STATE_DIR", os.path.join(HERE, ".state")))
# Ignore whatever Jupyter config the machine has: the host must behave the same everywhere.
os.environ["JUPYTER_NO_CONFIG"] = "1"
os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(STATE, "runtime"))
# Taken out of the environment so that kernels (student code) never see it.
TOKEN = os.environ.pop("JUPYTER_TOKEN", "") or secrets.token_hex(24)


class MeHandler(APIHandler):
    """GET /api/me: a fixed local identity, shaped like jupyter_server 2's answer."""

    @web.authenticated
    def get(self):
        user = {"username": "student", "name": "student", "display_name": "student",
                "initials": "S", "avatar_url": None, "color": None}
        self.finish(json.dumps({"identity": user, "permissions": {}}))


class EventsSocket(WebSocketMixin, JupyterHandler, websocket.WebSocketHandler):
    """WS /api/events/subscribe: accepts an authenticated connection and never emits (no server events on 1.23).
    Origin and user are checked as for the kernel websockets (WebSocketMixin, JupyterHandler)."""

    def set_default_headers(self):
        pass  # JupyterHandler's headers (CSP etc.) do not apply to a websocket upgrade

    async def get(self, *args, **kwargs):
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    def on_message(self, message):
        pass


class EventsPost(APIHandler):
    """POST /api/events: events from the frontend are accepted and dropped."""

    @web.authenticated
    def post(self):
        self.set_status(204)
        self.finish()


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": ConvlabLab}]


class ConvlabLab(LabServerApp):
    name = __name__
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab (convlab host)"
    app_version = "4.5"
    static_dir = os.path.join(HERE, "build")
    templates_dir = os.path.join(HERE, "templates")
    app_settings_dir = os.path.join(HERE, "settings")
    schemas_dir = os.path.join(HERE, "build", "schemas")
    themes_dir = os.path.join(HERE, "build", "themes")
    user_settings_dir = os.path.join(STATE, "user_settings")
    workspaces_dir = os.path.join(STATE, "workspaces")

    # Local single-user teaching server, locked down as a pip-installed JupyterLab is: bound to localhost by
    # default, a random token (the URL that carries it is printed by start()), XSRF checks on (the default).
    serverapp_config = {
        "token": TOKEN,
        "password": "",
        "open_browser": False,
        "port_retries": 0,
        "allow_root": True,   # containers and CI run as root
        "answer_yes": True,   # Ctrl-C stops at once (and shuts the kernels down) instead of asking y/n
    }

    def initialize_settings(self):
        super().initialize_settings()
        self.serverapp.web_app.settings["terminals_available"] = False
        # Only our directory: Debian ships a JupyterLab-3-era jupyterlab_pygments prebuilt extension.
        extra = os.environ.get("CONVLAB_LABEXTENSIONS")
        self.labextensions_path = [os.path.abspath(extra)] if extra else []

    def _print_url(self):
        """jupyter_server masks a token it did not generate itself ("?token=..."): print the URL to open once
        the loop runs, i.e. after the port is bound."""
        url = f"http://localhost:{self.serverapp.port}{self.serverapp.base_url}lab?token={TOKEN}"
        print(f"[convlab start] open {url}   (Ctrl-C stops the server and its kernels)", flush=True)

    def _stop_on_signals(self):
        """Ctrl-C (SIGINT) and SIGTERM stop the server, which shuts its kernels down, with or without a
        terminal: jupyter_server 1.23 handles SIGINT only when stdin is a tty (and then asks y/n)."""
        def stop(sig, frame):
            self.log.info("convlab host: signal %s, stopping the server and its kernels", sig)
            self.serverapp.stop(from_signal=True)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)

    def initialize_handlers(self):
        # Runs once the loop has started, i.e. after the server installed its own handlers.
        ioloop.IOLoop.current().add_callback(self._stop_on_signals)
        ioloop.IOLoop.current().add_callback(self._print_url)
        if os.environ.get("CONVLAB_SHIMS", "1") != "0":
            base = self.serverapp.base_url
            self.serverapp.web_app.add_handlers(".*$", [
                (base + "api/me", MeHandler),
                (base + "api/events/subscribe", EventsSocket),
                (base + "api/events", EventsPost),
            ])
        super().initialize_handlers()


if __name__ == "__main__":
    ConvlabLab.launch_instance()
