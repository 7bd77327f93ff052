DROP TABLE audit_log;
DROP TABLE password_resets;
DROP TABLE login_failures;
DROP TABLE sessions;
