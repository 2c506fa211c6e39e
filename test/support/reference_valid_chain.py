"""The reference node's chain check, in Python, over a GET /chain response read from stdin.

It parses with Python's json and hashes with json.dumps(sort_keys=True) and hashlib, as the reference does, so a
chain this script accepts is one a reference node adopts. Prints {"valid": bool, "hashes": [...]}.
"""
import hashlib
import json
import sys


def block_hash(block):
    return hashlib.sha256(json.dumps(block, sort_keys=True).encode()).hexdigest()


def valid_proof(last_proof, proof, last_hash, difficulty):
    guess = f"{last_proof}{proof}{last_hash}".encode()
    return hashlib.sha256(guess).hexdigest()[:difficulty] == "0" * difficulty


def valid_chain(chain, difficulty):
    for previous, block in zip(chain, chain[1:]):
        previous_hash = block_hash(previous)
        if block["previous_hash"] != previous_hash:
            return False
        if not valid_proof(previous["proof"], block["proof"], previous_hash, difficulty):
            return False
    return True


if __name__ == "__main__":
    response = json.load(sys.stdin)
    chain = response["chain"]
    difficulty = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    print(json.dumps({"valid": valid_chain(chain, difficulty) and response["length"] == len(chain),
                      "hashes": [block_hash(block) for block in chain]}))
