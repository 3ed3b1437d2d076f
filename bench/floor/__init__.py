"""The floor: the cheapest Django response, served with the same gunicorn settings as the app.

Every scenario's requests per second is divided by the floor's, so the ratio
says how much of the machine's request-handling capacity the page costs,
independently of how fast the machine (and the load generator on it) is.
"""
