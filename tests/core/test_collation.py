"""Montenegrin alphabetical order (infocentar.core.collation)."""

from __future__ import annotations

import random

import pytest

from infocentar.core.collation import LATIN_ALPHABET, montenegrin_sort_key, montenegrin_sorted


def assert_ordered(*words: str) -> None:
    shuffled = list(words)
    random.Random(2026).shuffle(shuffled)
    assert montenegrin_sorted(shuffled) == list(words)


@pytest.mark.parametrize(
    "words",
    [
        ("Čelebić", "Ćorović", "Dabović", "Džaković", "Đukanović"),
        ("Lalić", "Ljubić", "Marković"),
        ("Nikolić", "Njegoš", "Obradović"),
        ("Sava", "Šćekić", "Šuković", "Śaban", "Tomić"),
        ("Zec", "Žarić", "Źeko"),
    ],
)
def test_letters_follow_the_montenegrin_alphabet(words):
    assert_ordered(*words)


def test_the_whole_alphabet_is_in_order():
    letters = [letter.capitalize() for letter in LATIN_ALPHABET if letter not in "qwxy"]
    assert " ".join(letters) == "A B C Č Ć D Dž Đ E F G H I J K L Lj M N Nj O P R S Š Ś T U V Z Ž Ź"
    assert_ordered(*letters)


def test_case_does_not_change_the_order():
    assert_ordered("ljubić", "LJUBIĆ", "marković", "MARKOVIĆ")
    assert montenegrin_sort_key("DŽAKOVIĆ")[0] == montenegrin_sort_key("džaković")[0]
    assert_ordered("dabović", "DŽAKOVIĆ", "đukanović")


def test_cyrillic_sorts_as_its_latin_equivalent():
    assert montenegrin_sort_key("Љубић")[0] == montenegrin_sort_key("Ljubić")[0]
    assert montenegrin_sort_key("Џаковић")[0] == montenegrin_sort_key("Džaković")[0]
    assert montenegrin_sort_key("С\u0301абан")[0] == montenegrin_sort_key("Śaban")[0]
    assert montenegrin_sort_key("З\u0301еко")[0] == montenegrin_sort_key("Źeko")[0]
    # Latin order, not Cyrillic order (А Б В Г...): Б before Ц before Ч before Д.
    assert_ordered("Бабић", "Цвијић", "Челебић", "Ћоровић", "Дабовић", "Џаковић", "Ђукановић")
    # Mixed scripts interleave.
    assert_ordered("Lalić", "Љубић", "Ljubomir", "Марковић", "Njegoš", "Обрадовић")


def test_digraph_exceptions_are_two_letters():
    # The Cyrillic spelling shows which letters a word has: конјунктура, надживјети.
    assert montenegrin_sort_key("konjunktura")[0] == montenegrin_sort_key("конјунктура")[0]
    assert montenegrin_sort_key("nadživjeti")[0] == montenegrin_sort_key("надживјети")[0]
    assert montenegrin_sort_key("Konjic")[0] == montenegrin_sort_key("Коњиц")[0]
    # So konjunktura (n, j) comes before kontra, and konj (nj) after it.
    assert_ordered("konjunktura", "kontra", "konj")
    # Every D + letter comes before any Dž.
    assert_ordered("Dzajić", "Dživo", "Đurović")


def test_single_character_digraph_letters():
    assert montenegrin_sort_key("ǈubić")[0] == montenegrin_sort_key("Ljubić")[0]


def test_foreign_letters_and_accents():
    assert_ordered("Celine", "Céline", "Čelić")
    assert_ordered("Müller", "Murić")
    assert_ordered("Pavlović", "Quinn", "Radović")
    assert_ordered("Vuković", "Wagner", "Xavier", "Young", "Zec")


def test_words_and_numbers():
    assert_ordered("Novak Đoković", "Novaković")
    assert_ordered("Sjednica 2", "Sjednica 9", "Sjednica 10")
    assert_ordered("Gradska kuća", "Gradska-kuća-2", "Gradski trg")


def test_punctuation_and_normalisation():
    assert montenegrin_sort_key("„Luča”")[0] == montenegrin_sort_key("Luča")[0]
    decomposed = "S\u030cuković"  # Š as S + combining caron
    assert montenegrin_sort_key(decomposed) == montenegrin_sort_key("Šuković")


def test_key_is_total_and_stable():
    words = ["ana", "Ana", "ANA", "Ана", "ana."]
    assert montenegrin_sorted(words) == montenegrin_sorted(list(reversed(words)))
    assert len({montenegrin_sort_key(word) for word in words}) == len(words)
    assert montenegrin_sort_key("") < montenegrin_sort_key("a")


def test_sorted_with_a_key_function():
    people = [{"name": "Đukanović"}, {"name": "Džaković"}, {"name": "Dabović"}]
    assert [p["name"] for p in montenegrin_sorted(people, key=lambda p: p["name"])] == [
        "Dabović",
        "Džaković",
        "Đukanović",
    ]
