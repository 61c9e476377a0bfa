"""The demo organisation: a labelled, removable data set to try the portal with."""
