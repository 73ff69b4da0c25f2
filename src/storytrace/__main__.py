"""`python -m storytrace`: the same CLI as the `storytrace` command."""

from storytrace.cli import main

if __name__ == "__main__":
    main()
