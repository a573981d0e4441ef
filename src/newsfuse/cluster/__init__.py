"""Stage 5, cluster: group articles into stories, online, and mark syndicated copies."""
