"""Faults injected into real servers: Redis, PostgreSQL and gunicorn.

Every test here is marked `faults`; `make faults` runs them. They start their
own processes on 127.0.0.1 (a private redis-server, gunicorn, a TCP proxy in
front of PostgreSQL) on free ports, use a scratch database they create and
drop, and stop everything they started.
"""
