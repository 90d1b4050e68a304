import type { Roadmap } from '@pathwise/catalog/domain';
import { prerequisitePairs } from '../prerequisite-edges';

/** What editors see: lifecycle, revision (the ETag) and the content being edited. */
export function editorView(roadmap: Roadmap) {
  const content = roadmap.draft ?? roadmap.published;
  return {
    id: roadmap.id,
    slug: roadmap.slug,
    status: roadmap.status,
    version: roadmap.version,
    revision: roadmap.revision,
    hasUnpublishedChanges: roadmap.draft !== undefined,
    content: content && {
      ...content,
      prerequisites: prerequisitePairs(content.prerequisites),
    },
  };
}
