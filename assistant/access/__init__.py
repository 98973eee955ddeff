"""Who may open the database: PINs, the key file, the cipher, sign-in."""
