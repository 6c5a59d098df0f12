"""Oracles over a running VaultPay's database, shared by the test suite, chaos/ and
bench/: they read with a plain psycopg connection and import nothing of the service,
so a bug in the code they check cannot hide itself from them."""
