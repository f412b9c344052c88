import pytest

from libyapk_summ import MissingVariables, PromptError
from libyapk_summ.extract import _prompts as prompts


def test_missing_prompt_variables_are_named():
    with pytest.raises(MissingVariables) as info:
        prompts.load("translate").render(number=1)
    assert info.value.missing == ["glossary", "sentence"]


def test_missing_template_says_how_to_fix():
    with pytest.raises(PromptError, match="restore it"):
        prompts.load("no-such-prompt")


def test_each_call_hash_covers_its_own_question():
    assert prompts.call_hash("participants") != prompts.call_hash("translate")
    assert len(prompts.prompt_version()) == 12


def test_participants_messages_put_the_sentence_before_the_question():
    system, user = prompts.participants_messages(sentence="التقى فلان.", event="a meeting")
    assert system["role"] == "system" and "التقى فلان." in user["content"]
    assert user["content"].index("التقى فلان.") < user["content"].index("It reports a meeting")
