"""The reader site: the ledger arranged for its pages, rendered by one template set for
``agora build`` (static files) and ``agora serve`` (live)."""
