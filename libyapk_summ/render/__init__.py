"""What a reader sees: the digest, the HTML report and notebook views, tables."""
