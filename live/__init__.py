"""Live notifications (API.md section 18): WebSocket and Server-Sent Events, served by
a process of their own (`python -m live`) so that idle connections never hold one of
the API's request threads."""
