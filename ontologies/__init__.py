"""The kg ontology (kg.ttl) and SHACL shapes (shapes.ttl), installed as the data package ``kg.ontologies``."""
