"""The WSGI app the feed benchmark serves with gunicorn: magflow, and bare Flask beside it.

``/bare/feed`` returns the same bytes as ``/calendar.ics`` from memory and
``/bare/short`` a short string: the baselines, served by the same gunicorn.
"""

from flask import Flask, Response
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from webapp import create_app

magflow = create_app()
with magflow.test_client() as client:
    FEED = client.get("/calendar.ics").data

bare = Flask("bare")


@bare.route("/feed")
def bare_feed() -> Response:
    return Response(FEED, content_type="text/calendar; charset=utf-8")


@bare.route("/short")
def bare_short() -> str:
    return "not modified"


app = DispatcherMiddleware(magflow, {"/bare": bare})
