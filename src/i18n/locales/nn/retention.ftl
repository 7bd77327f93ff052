erase-title = Slette personopplysningar
