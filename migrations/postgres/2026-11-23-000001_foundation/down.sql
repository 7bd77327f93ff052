DROP TABLE user_roles;
DROP TABLE users;
DROP TABLE milestones;
DROP TABLE plan_contacts;
DROP TABLE plan_themes;
DROP TABLE plans;
DROP TABLE sections;
