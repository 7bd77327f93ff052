-- A message for the next page this session shows ("Milepælen er lagt til"), kept until shown.
ALTER TABLE sessions ADD COLUMN flash TEXT;
