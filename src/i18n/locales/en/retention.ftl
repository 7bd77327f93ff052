erase-title = Erase personal data
