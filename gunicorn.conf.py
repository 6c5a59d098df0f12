"""gunicorn reads this file from the working directory on every start (make up, the
container, the chaos and bench stacks): its own lines (start-up, worker boot and exit,
errors) go out as the same one-JSON-object-per-line format as the app's."""
from gunicorn.glogging import Logger

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"json": {"()": "logs.JsonHandler"}},
    # gunicorn merges this over its own defaults, whose root logger names a handler
    # this dict replaces.
    "root": {"level": "WARNING", "handlers": ["json"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["json"], "propagate": False},
    },
}



class WithoutAccessLog(Logger):
    """gunicorn's logger minus the access log: the app logs one line per request
    itself (logger `vaultpay.http`, with its request id), and gunicorn would build
    the access-log fields of every request before any level check could skip them."""

    def access(self, resp, req, environ, request_time):
        return None


logger_class = WithoutAccessLog


def post_worker_init(worker):
    # gunicorn's own error answers (414, 431, 400) in the API's JSON envelope, not HTML.
    from web import server_errors

    server_errors.install()
