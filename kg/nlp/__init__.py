"""The spaCy side of kg: loading the pipeline with kg's components, and splitting long texts into parts."""
