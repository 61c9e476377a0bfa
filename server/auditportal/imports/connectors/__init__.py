"""CRM connectors: each turns a CRM's records API into pages of changed records."""
