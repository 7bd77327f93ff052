erase-title = Slette personopplysninger
