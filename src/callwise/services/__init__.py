"""The use cases: the only place that combines the domain and storage. CLI and web call these."""
