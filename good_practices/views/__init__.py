"""Pages of the good-practice database: public, workspace and cooperation."""
