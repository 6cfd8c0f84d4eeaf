"""The handout's pg3lib format, written from account.md with Python's `cryptography` package,
to check that Parley's Java implementation interoperates with a Python client.

Usage:
  pg3_interop.py encrypt <public key line> <text>   -> prints the payload
  pg3_interop.py decrypt <private key PEM file> <payload> -> prints the text
"""
import base64
import sys

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def encrypt(message: bytes, key_line: str) -> str:
    public_key = serialization.load_pem_public_key(base64.b64decode(key_line))
    fernet_key = Fernet.generate_key()
    wrapped = public_key.encrypt(fernet_key, OAEP)
    token = Fernet(fernet_key).encrypt(message)
    return base64.b64encode(wrapped).decode() + ";" + base64.b64encode(token).decode()


def decrypt(payload: str, private_pem: bytes) -> bytes:
    private_key = serialization.load_pem_private_key(private_pem, password=None)
    wrapped, token = payload.split(";", 1)
    fernet_key = private_key.decrypt(base64.b64decode(wrapped), OAEP)
    return Fernet(fernet_key).decrypt(base64.b64decode(token))


if __name__ == "__main__":
    if sys.argv[1] == "encrypt":
        print(encrypt(sys.argv[3].encode(), sys.argv[2]))
    else:
        with open(sys.argv[2], "rb") as pem:
            sys.stdout.write(decrypt(sys.argv[3], pem.read()).decode())
