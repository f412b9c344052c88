"""Steps 3 to 5: the focused questions and their prompts, grounding the answers, who did what
to whom, the brief, and the checks on its English."""
