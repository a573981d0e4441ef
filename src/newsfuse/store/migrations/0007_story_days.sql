-- 0007: retired stories (quiet for weeks) leave the clusterer's memory and are read back
-- by their days for an article dated that far back: index the range they cover.
CREATE INDEX stories_last_day ON stories (last_day);
