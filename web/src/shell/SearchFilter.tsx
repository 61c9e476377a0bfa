import { Input } from "antd";
import { useState } from "react";

/**
 * A text filter written to the URL on Enter. Give it `key={urlValue}` so it resets when the
 * URL changes (back button, "clear").
 */
export function SearchFilter({ label, value, onSearch, width = 200 }: { label: string; value: string; onSearch: (q: string) => void; width?: number }) {
  const [text, setText] = useState(value);
  return (
    <Input.Search
      aria-label={label}
      placeholder={label}
      allowClear
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => onSearch(next.trim())}
      style={{ width }}
    />
  );
}
