"""Messages of drafts and evidence (attachments, downloads), in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "draft.no_person": {
        "zh-CN": "草稿只属于具体的用户，服务客户端不能保存草稿。",
        "en": "Drafts belong to a person; a service client cannot keep one.",
    },
    "draft.not_found": {"zh-CN": "草稿不存在。", "en": "Draft not found."},
    "draft.instance_not_found": {"zh-CN": "流程实例不存在。", "en": "Workflow instance not found."},
    "draft.target_mismatch": {
        "zh-CN": "客户与流程实例的客户不一致。",
        "en": "The customer is not the workflow instance's customer.",
    },
    "draft.too_large": {
        "zh-CN": "草稿过大（上限 {limit} 字节）。",
        "en": "The draft is too large (at most {limit} bytes).",
    },
    "draft.stale": {
        "zh-CN": "草稿已在别处更新（当前版本 {current}，您编辑的是 {expected}），"
        "请重新加载后再保存。",
        "en": "The draft was saved elsewhere meanwhile (version {current}, you edited "
        "{expected}); reload it before saving.",
    },
    "draft.gone": {
        "zh-CN": "草稿已被提交或丢弃。",
        "en": "The draft was submitted or discarded meanwhile.",
    },
    "draft.not_for_submission": {
        "zh-CN": "该草稿不是您对此表单版本的草稿。",
        "en": "This is not your draft of this form version.",
    },
    # Uploads
    "attachment.file_missing": {
        "zh-CN": "请求中没有文件部分（请使用 multipart 上传）。",
        "en": "The request has no file part (upload it as multipart).",
    },
    "attachment.not_attachment_field": {
        "zh-CN": "字段 {field} 不是附件字段。",
        "en": "Field {field} does not take attachments.",
    },
    "attachment.too_large": {
        "zh-CN": "文件过大（上限 {limit} 字节）。",
        "en": "The file is too large (at most {limit} bytes).",
    },
    "attachment.empty": {"zh-CN": "文件为空。", "en": "The file is empty."},
    "attachment.unknown_type": {
        "zh-CN": "无法识别的文件类型，请上传图片、PDF 或常见办公文档。",
        "en": "Unrecognised file type; upload an image, a PDF or a common office document.",
    },
    "attachment.type_not_accepted": {
        "zh-CN": "此字段不接受 {type} 类型的文件（可接受：{accepted}）。",
        "en": "This field does not accept {type} files (accepted: {accepted}).",
    },
    "attachment.not_image": {
        "zh-CN": "照片和签名必须是图片（收到 {type}）。",
        "en": "Photos and signatures must be images (got {type}).",
    },
    "attachment.broken_image": {
        "zh-CN": "图片已损坏，无法读取。",
        "en": "The image is damaged and cannot be read.",
    },
    "attachment.caption_too_long": {
        "zh-CN": "说明最长 {limit} 个字符。",
        "en": "A caption has at most {limit} characters.",
    },
    # Answers that reference attachments
    "attachment.not_found": {
        "zh-CN": "附件 {id} 不存在或不是您为此表单上传的。",
        "en": "Attachment {id} does not exist or was not uploaded by you for this form.",
    },
    "attachment.wrong_field": {
        "zh-CN": "附件 {id} 是为其他字段上传的。",
        "en": "Attachment {id} was uploaded for another field.",
    },
    "attachment.already_used": {
        "zh-CN": "附件 {id} 已属于另一份提交。",
        "en": "Attachment {id} already belongs to another submission.",
    },
    "attachment.repeated": {
        "zh-CN": "附件 {id} 重复引用。",
        "en": "Attachment {id} is referenced more than once.",
    },
    "attachment.too_many": {
        "zh-CN": "最多 {limit} 个附件。",
        "en": "At most {limit} attachments.",
    },
    "attachment.bad_reference": {
        "zh-CN": "附件引用应为附件 ID。",
        "en": "An attachment answer holds attachment ids.",
    },
    # Downloads and reports
    "file.not_found": {"zh-CN": "文件不存在。", "en": "File not found."},
    "file.thumbnail_pending": {
        "zh-CN": "缩略图尚未生成。",
        "en": "The thumbnail is not ready yet.",
    },
    "report.evidence": {"zh-CN": "证据附件", "en": "Evidence"},
    "report.evidence.field": {"zh-CN": "字段", "en": "Field"},
    "report.evidence.file": {"zh-CN": "文件", "en": "File"},
}
