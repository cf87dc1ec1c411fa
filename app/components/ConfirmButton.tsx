// A button whose action needs a second, deliberate click in a dialog (focus moves in, and back on close).

import { Button, Modal, Text } from "@shopify/polaris";
import { useState } from "react";

export function ConfirmButton(props: {
  label: string;
  title: string;
  body: string;
  confirm: string;
  onConfirm: () => void;
  destructive?: boolean;
  /** Names what the button acts on for screen readers, when the visible label is short ("Delete"). */
  accessibilityLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Modal
      activator={
        <Button
          variant="plain"
          tone={props.destructive ? "critical" : undefined}
          onClick={() => setOpen(true)}
          accessibilityLabel={props.accessibilityLabel}
        >
          {props.label}
        </Button>
      }
      activatorWrapper="span"
      open={open}
      onClose={() => setOpen(false)}
      title={props.title}
      primaryAction={{
        content: props.confirm,
        destructive: props.destructive,
        onAction: () => {
          setOpen(false);
          props.onConfirm();
        },
      }}
      secondaryActions={[{ content: "Cancel", onAction: () => setOpen(false) }]}
    >
      <Modal.Section>
        <Text as="p">{props.body}</Text>
      </Modal.Section>
    </Modal>
  );
}
