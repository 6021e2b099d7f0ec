"""newsclean: turn noisy scraped news dumps into clean, structured articles."""
