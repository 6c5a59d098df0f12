"""The fault-injection run (`make chaos`): the real API, worker and beat on a throwaway
database and a private Redis, driven by concurrent clients while processes are killed,
stopped and restarted; then the money is checked. See docs/reliability.md."""
