"""Arabic text helpers for matching: folding, the consonant skeleton, bytes to text."""
