DROP TABLE plan_documents;
DROP TABLE documents;
