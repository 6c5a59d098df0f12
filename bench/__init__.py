"""`make bench`: throughput and latency of VaultPay against the bare database, in one
run on one PostgreSQL (docs/performance.md)."""
