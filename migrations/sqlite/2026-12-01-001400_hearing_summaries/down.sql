DROP TABLE hearing_summary_entries;
DROP TABLE hearing_summary_counts;
DROP TABLE hearing_summaries;
