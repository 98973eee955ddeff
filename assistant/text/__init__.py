"""Words, dates and languages: the core's messages, labels, handout languages."""
