import { useLayoutEffect, useRef } from 'react';

type Chosen = { form: HTMLFormElement; values: string[][]; answer: unknown };

/**
 * React resets a form after its action, and puts a `<select>` back on the value it was first rendered
 * with or its first option (react#30580 and #32362, both open; seen here with an uncontrolled select,
 * and with a controlled one under buttons' `formAction`). A role changed to Admin would then show Editor
 * again, and the next save would send Editor. This notes each
 * select's choice when the form is submitted (and again when the user changes one while the answer is
 * awaited) and puts it back once, after the commit that brings a new answer (the one that resets the form). A form remounted meanwhile (a `key` that changed on purpose, to
 * clear it or to refill it with what was typed) is a new element and is left alone.
 *
 * Give it the answer the form shows; spread what it returns on the `<form>`.
 */
export function useKeptSelects(answer: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  const chosen = useRef<Chosen | null>(null);
  useLayoutEffect(() => {
    const last = chosen.current;
    if (!last || last.answer === answer) return;
    chosen.current = null;
    if (last.form !== ref.current) return;
    last.form.querySelectorAll('select').forEach((select, i) => {
      const values = last.values[i] ?? [];
      for (const option of select.options) option.selected = values.includes(option.value);
    });
  }, [answer]);
  const onSubmit = (event: { currentTarget: HTMLFormElement }) => {
    chosen.current = { form: event.currentTarget, answer, values: choicesOf(event.currentTarget) };
  };
  const onChange = (event: { currentTarget: HTMLFormElement }) => {
    if (chosen.current?.form === event.currentTarget) chosen.current.values = choicesOf(event.currentTarget);
  };
  return { ref, onSubmit, onChange };
}

const choicesOf = (form: HTMLFormElement) => [...form.querySelectorAll('select')].map((s) => [...s.selectedOptions].map((o) => o.value));
