"""Evidence attached to answers: photos, files and drawn signatures."""
