"""KPIs: the numbers an audit team is judged by, as SQL aggregates under the row scope."""
