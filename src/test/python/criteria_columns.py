"""What pandas reads from a study's judgment exports, per criterion.

Usage: python3 criteria_columns.py judgments.csv judgments.jsonl  ->  JSON

judgments.csv is read unchanged with pandas.read_csv and judgments.jsonl with pandas.read_json(lines=True).
For the CSV: its rows, its columns, and per winner column (`winner` and each `winner_<criterion>`) how many
judgments each model won, and how many were ties ("tie"; "tie (bothbad)" counts as a tie). For the JSON Lines:
its records, and per criterion ("overall" for the records whose criterion is null) the same counts.
"""

import json
import sys

import pandas as pd


def wins(df, column):
    counts = {}
    for _, row in df.iterrows():
        winner = row[column]
        if pd.isna(winner):
            key = "unanswered"
        elif winner == "model_a":
            key = row["model_a"]
        elif winner == "model_b":
            key = row["model_b"]
        else:
            key = "tie"
        counts[key] = counts.get(key, 0) + 1
    return counts


def main(csv_path, jsonl_path):
    csv = pd.read_csv(csv_path)
    winner_columns = [column for column in csv.columns if column == "winner" or column.startswith("winner_")]
    jsonl = pd.read_json(jsonl_path, lines=True)
    jsonl["criterion"] = jsonl["criterion"].fillna("overall")
    print(json.dumps({
        "csv": {
            "rows": int(len(csv)),
            "columns": list(csv.columns),
            "wins": {column: wins(csv, column) for column in winner_columns},
        },
        "jsonl": {
            "rows": int(len(jsonl)),
            "wins": {criterion: wins(group, "winner") for criterion, group in jsonl.groupby("criterion")},
        },
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
