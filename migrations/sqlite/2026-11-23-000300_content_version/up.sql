-- One counter that moves with every change to public content, so each
-- instance knows when the pages it rendered have gone stale.
CREATE TABLE content_version (
    id INTEGER PRIMARY KEY NOT NULL,
    version BIGINT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);
